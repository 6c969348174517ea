import type { EvalTarget, TVariableMapping } from "@loupe/contracts";
import { findObservationFields, findTraceFields } from "@loupe/db";
import { type MappableObject, mapValue } from "@loupe/domain";

export type FilledVariable = { variable: string; value: string | null; problem: string | null };

/**
 * Each variable's value for one target: from its trace, from the target observation itself, or from the
 * newest observation of a given name in its trace. Reads each object once.
 */
export async function fillMapping(
  projectId: string,
  target: { targetType: EvalTarget; targetId: string; traceId: string },
  mapping: readonly TVariableMapping[],
): Promise<FilledVariable[]> {
  const cache = new Map<string, Promise<MappableObject | null>>();
  const read = (key: string, load: () => Promise<MappableObject | null>) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load();
      cache.set(key, hit);
    }
    return hit;
  };
  return Promise.all(
    mapping.map(async (m) => {
      let object: MappableObject | null;
      if (m.object === "trace") object = await read("trace", () => findTraceFields(projectId, target.traceId));
      else if (m.objectName)
        object = await read(`name:${m.objectName}`, () =>
          findObservationFields(projectId, { traceId: target.traceId, name: m.objectName as string }),
        );
      else if (target.targetType === "observation")
        object = await read("target", () => findObservationFields(projectId, { id: target.targetId }));
      else return { variable: m.variable, value: null, problem: "a trace rule reads observations by name: give the observation's name" };
      const mapped = mapValue(object, m);
      return mapped.ok
        ? { variable: m.variable, value: mapped.value, problem: null }
        : { variable: m.variable, value: null, problem: mapped.problem };
    }),
  );
}
