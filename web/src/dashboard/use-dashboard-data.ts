import { ref, shallowRef } from 'vue';
import {
  getForecast,
  getHotspots,
  getOverview,
  type Forecast,
  type HotspotLevel,
  type Hotspots,
  type Overview,
} from '../api/stats';
import type { DashboardFilters } from './dashboard-query';

/**
 * The dashboard's three reads for a set of filters. Answers of an older set that arrive late
 * are dropped, so quick filter changes never show mixed numbers.
 */
export function useDashboardData() {
  const overview = shallowRef<Overview | null>(null);
  const hotspots = shallowRef<Hotspots | null>(null);
  const forecast = shallowRef<Forecast | null>(null);
  const loading = ref(false);
  const failure = ref<unknown>(null);
  let generation = 0;

  async function load(filters: DashboardFilters, level: HotspotLevel): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    failure.value = null;
    const period = {
      from: filters.from,
      to: filters.to,
      township: filters.township || undefined,
    };
    try {
      const answers = await Promise.all([
        getOverview({ ...period, interval: filters.interval }),
        getHotspots({ ...period, level }),
        getForecast({ township: period.township }),
      ]);
      if (mine !== generation) return;
      [overview.value, hotspots.value, forecast.value] = answers;
    } catch (error) {
      if (mine === generation) failure.value = error;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return { overview, hotspots, forecast, loading, failure, load };
}
