import { DATASET_ITEM_STATUSES, ORGANIZATION_ROLES, SCORE_CONFIG_DATA_TYPES, SCORE_DATA_TYPES, SCORE_SOURCES } from "@loupe/contracts";
import { describe, expect, it } from "vitest";
import { DatasetItemStatus, OrganizationRole, ScoreConfigDataType, ScoreDataType, ScoreSource } from "./generated/prisma/enums.ts";

// Postgres enums that mirror a contract list: the contract is what the wire accepts, the enum what the
// column can hold. A value in one and not the other is a 500 (or a value nobody can send) waiting to happen.
describe("Prisma enums hold the contract's values", () => {
  it.each([
    ["ScoreDataType", ScoreDataType, SCORE_DATA_TYPES],
    ["ScoreConfigDataType", ScoreConfigDataType, SCORE_CONFIG_DATA_TYPES],
    ["ScoreSource", ScoreSource, SCORE_SOURCES],
    ["OrganizationRole", OrganizationRole, ORGANIZATION_ROLES],
    ["DatasetItemStatus", DatasetItemStatus, DATASET_ITEM_STATUSES],
  ] as const)("%s", (_name, prismaEnum, contractList) => {
    expect(Object.values(prismaEnum).sort()).toEqual([...contractList].sort());
  });
});
