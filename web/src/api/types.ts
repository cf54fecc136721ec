/** The shapes of the API answers the web app reads (API.md, server/README.md). */

export type Role =
  | 'intake_clerk'
  | 'village_staff'
  | 'township_staff'
  | 'department_staff'
  | 'dispatcher'
  | 'supervisor'
  | 'principal_leader'
  | 'discipline_inspector'
  | 'auditor'
  | 'process_owner'
  | 'admin';

export interface UnitRef {
  code: string;
  name: string;
}

export interface StaffUser {
  username: string;
  displayName?: string | null;
  role: Role;
  unit: UnitRef;
}

export interface SessionAnswer {
  user: StaffUser;
  csrfToken: string;
}

export interface MaskedCitizen {
  name?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  anonymous?: boolean;
}

export interface DemandSummary {
  code: string;
  status?: string;
  channel?: string;
  receivedAt?: string;
  category?: string | null;
  domain?: string | null;
  tier?: string | null;
  excerpt?: string;
  citizen?: MaskedCitizen;
  location?: { unit?: UnitRef | null } | null;
  leadUnit?: UnitRef | null;
  resolutionDue?: string | null;
  overdue?: boolean;
}

export interface Suggestion {
  category?: string | null;
  domain?: string | null;
  tier?: string | null;
  leadUnit?: UnitRef | null;
  coUnits?: UnitRef[];
  outcome?: string | null;
  divertedTo?: string | null;
  duplicateOf?: string | null;
  confidence?: number | null;
  reasons?: string[];
  reasonCode?: string | null;
  explanation?: string | null;
  /** The confidence of each part (category, domain, …), when triage gives them. */
  confidences?: Record<string, number> | null;
  duplicateConfidence?: number | null;
}

export interface Deadlines {
  response: string | null;
  resolution: string | null;
  verification: string | null;
  paused: boolean;
  extended: boolean;
  /** Working days from now to each deadline (county calendar): 0 due today, negative past. */
  workingDaysLeft?: Record<'response' | 'resolution' | 'verification', number | null>;
}

export interface DemandDetail extends DemandSummary {
  submittedAt?: string;
  content: string;
  location?: { address?: string | null; unit?: UnitRef | null } | null;
  coUnits?: UnitRef[];
  screening?: { outcome?: string | null; reasonCode?: string | null; explanation?: string | null };
  divertedTo?: string | null;
  duplicateOf?: string | null;
  duplicateGroup?: string | null;
  suggestion?: Suggestion | null;
  deadlines?: Deadlines | null;
  history?: HistoryEntry[];
}

export interface HistoryEntry {
  at: string;
  actor: string | null;
  action: string;
  detail: unknown;
}

/** `GET /api/demands/{code}/citizen`: the full values (the read is access-logged). */
export interface CitizenContact {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  anonymous: boolean;
}

export interface DemandPage {
  items: DemandSummary[];
  page: Page;
}

export interface TaskItem {
  key: string;
  name: string;
  elementId: string;
  state?: string;
  demand: DemandSummary | null;
  assignee: string | null;
  candidateGroups: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number | null;
  createdAt: string | null;
}

export interface Page {
  total: number;
  page: number;
  pageSize: number;
}

export interface TaskPage {
  items: TaskItem[];
  page: Page;
}

export interface TaskForm {
  formId?: string;
  formKey?: string;
  version?: number;
  schema: Record<string, unknown>;
}

export interface TaskDetail extends Omit<TaskItem, 'demand'> {
  demand: DemandDetail | { code: string } | null;
  form: TaskForm | null;
  variables: Record<string, unknown>;
  suggestedFields?: string[];
}
