import { type TDailyMetricsQuery, type TDailyMetricsResponse, pageMeta } from "@loupe/contracts";
import { dailyMetrics } from "@loupe/db";

export async function getDailyMetrics(projectId: string, query: TDailyMetricsQuery): Promise<TDailyMetricsResponse> {
  const { days, usage, totalDays } = await dailyMetrics({
    projectId,
    filter: {
      name: query.traceName,
      userId: query.userId,
      tags: query.tags,
      environment: query.environment,
      fromTimestamp: query.fromTimestamp,
      toTimestamp: query.toTimestamp,
    },
    limit: query.limit,
    offset: (query.page - 1) * query.limit,
  });
  return {
    data: days.map((d) => {
      const models = usage.filter((u) => u.day === d.day);
      return {
        date: d.day,
        countTraces: d.countTraces,
        countObservations: models.reduce((n, u) => n + u.countObservations, 0),
        totalCost: models.reduce((n, u) => n + u.totalCost, 0),
        usage: models.map(({ day: _day, ...u }) => u),
      };
    }),
    meta: pageMeta(query, totalDays),
  };
}
