import { describe, expect, it } from "vitest";
import { parseJsonValue } from "./attributes.ts";

describe("parseJsonValue", () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    [" [1, 2] ", [1, 2]],
    ['"quoted"', "quoted"],
    ["-1.5", -1.5],
    ["true", true],
    ["null", null],
    ["plain prompt text", "plain prompt text"],
    ["the answer is 42", "the answer is 42"],
    ["{not json", "{not json"],
    ["", ""],
    [7, 7],
  ])("%j → %j", (input, expected) => {
    expect(parseJsonValue(input)).toEqual(expected);
  });
});
