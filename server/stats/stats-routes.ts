import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { staffOf, type StaffGuards } from '../auth';
import { single } from '../demands';
import { isoWithOffset, route, type FieldError } from '../http';
import { forecastReport } from './forecast-report';
import { HOTSPOT_LEVELS, hotspots } from './hotspots';
import { defaultInterval, overview, TREND_INTERVALS } from './overview';
import { overviewRates } from './overview-rates';
import { resolveStatsArea, statsReachOf, type StatsArea } from './stats-area';
import {
  parseChoice,
  parseDomain,
  parseForecastMonth,
  parsePeriod,
  refuseIfInvalid,
  type Period,
} from './stats-params';

export interface StatsRoutesOptions {
  knex: Knex;
  guards: StaffGuards;
  clock: () => Date;
}

type Query = Record<string, unknown>;

/**
 * `GET /stats/overview`, `/stats/hotspots` and `/stats/forecast`: the dashboards (分析研判).
 * Checked in the contract's order: a role without statistics 403, bad parameters 400, a
 * township outside the caller's reach 404.
 */
export function statsRouter(options: StatsRoutesOptions): Router {
  const { knex, guards, clock } = options;
  const router = Router();

  /** The caller's area and the common parameters; `read` adds its own to `errors`. */
  const prepare = async <T>(
    req: Request,
    res: Response,
    read: (q: Query, errors: FieldError[]) => T,
  ) => {
    const user = staffOf(res);
    const reach = statsReachOf(user);
    const query = req.query as Query;
    const errors: FieldError[] = [];
    const township = single(query, 'township', errors);
    const params = read(query, errors);
    refuseIfInvalid(errors);
    const area = await resolveStatsArea(knex, reach, township);
    return { area, params };
  };
  const areaJson = (area: StatsArea) => ({ unit: area.unit });
  const periodJson = (period: Period) => ({
    from: isoWithOffset(period.from),
    to: isoWithOffset(period.to),
  });

  const getOverview = async (req: Request, res: Response) => {
    const { area, params } = await prepare(req, res, (q, errors) => {
      const period = parsePeriod(q, clock(), errors);
      const interval = parseChoice(q, 'interval', TREND_INTERVALS, defaultInterval(period), errors);
      return { period, interval };
    });
    const [body, rates] = await Promise.all([
      overview(knex, area, params.period, params.interval),
      overviewRates(knex, area, params.period, clock()),
    ]);
    res.json({ ...periodJson(params.period), area: areaJson(area), ...body, ...rates });
  };

  const getHotspots = async (req: Request, res: Response) => {
    const { area, params } = await prepare(req, res, (q, errors) => ({
      period: parsePeriod(q, clock(), errors),
      level: parseChoice(q, 'level', HOTSPOT_LEVELS, 'village', errors),
      domain: parseDomain(q, errors),
    }));
    const body = await hotspots(knex, area, params.period, params.level, params.domain);
    res.json({
      ...periodJson(params.period),
      area: areaJson(area),
      level: params.level,
      domain: params.domain,
      ...body,
    });
  };

  const getForecast = async (req: Request, res: Response) => {
    const { area, params } = await prepare(req, res, (q, errors) => ({
      month: parseForecastMonth(q, clock(), errors),
      domain: parseDomain(q, errors),
    }));
    const body = await forecastReport(knex, area, params.month, params.domain);
    res.json({ area: areaJson(area), domain: params.domain, ...body });
  };

  route(router, '/stats/overview', { get: [guards.requireStaff, getOverview] });
  route(router, '/stats/hotspots', { get: [guards.requireStaff, getHotspots] });
  route(router, '/stats/forecast', { get: [guards.requireStaff, getForecast] });
  return router;
}
