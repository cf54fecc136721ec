import { computed, ref, watch } from 'vue';
import { listTasks } from '../api/tasks';
import type { StaffUser, TaskItem } from '../api/types';
import { keeps, queryOf, type TaskFilter, type TaskSort } from './task-filters';

/**
 * The task list's state: the chosen filter and sort, the tasks the server answered, and the
 * highlighted row the keyboard moves. Reloads when the filter or sort changes.
 */
export function useTaskList(user: () => StaffUser) {
  // New work arrives as tasks offered to the user's group, so that is what opens first.
  const filter = ref<TaskFilter>('groups');
  const sort = ref<TaskSort>('dueDate');
  const items = ref<TaskItem[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const cursor = ref(0);
  let generation = 0;

  async function load(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    const now = new Date();
    try {
      const answer = await listTasks(queryOf(filter.value, sort.value, now));
      if (mine !== generation) return; // a newer filter's answer wins
      items.value = answer.items.filter(keeps(filter.value, user(), now));
      total.value = answer.page.total;
      cursor.value = Math.min(cursor.value, Math.max(0, items.value.length - 1));
    } catch (caught) {
      if (mine === generation) error.value = caught;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  watch([filter, sort], () => {
    cursor.value = 0;
    void load();
  });

  const current = computed<TaskItem | undefined>(() => items.value[cursor.value]);

  function move(step: number): void {
    if (items.value.length === 0) return;
    cursor.value = Math.min(items.value.length - 1, Math.max(0, cursor.value + step));
  }

  function point(key: string): void {
    const index = items.value.findIndex((task) => task.key === key);
    if (index >= 0) cursor.value = index;
  }

  return { filter, sort, items, total, loading, error, cursor, current, load, move, point };
}

export type TaskList = ReturnType<typeof useTaskList>;
