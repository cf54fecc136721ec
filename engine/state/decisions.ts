/**
 * Deployed DMN decisions and their decision requirements graphs (DRGs), by key and by id with
 * versions, as the DECISION_REQUIREMENTS CREATED and DECISION CREATED appliers store them.
 */
import type { ExecutableDecision } from '../dmn/model';

export interface DeployedDrg {
  key: string;
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: string;
  /** The DMN XML, as deployed. */
  resource: string;
  /** The parsed decisions of the DRG: evaluation needs all of them (required decisions). */
  decisions: ExecutableDecision[];
  tenantId: string;
}

export interface DeployedDecision {
  key: string;
  decisionId: string;
  decisionName: string;
  version: number;
  decisionRequirementsKey: string;
  decisionRequirementsId: string;
  deploymentKey: string;
  tenantId: string;
}

export class DecisionStore {
  drgs = new Map<string, DeployedDrg>();
  drgVersions = new Map<string, string[]>();
  decisions = new Map<string, DeployedDecision>();
  decisionVersions = new Map<string, string[]>();

  addDrg(drg: DeployedDrg): void {
    this.drgs.set(drg.key, drg);
    addVersion(this.drgVersions, drg.decisionRequirementsId, drg.version, drg.key);
  }

  addDecision(decision: DeployedDecision): void {
    this.decisions.set(decision.key, decision);
    addVersion(this.decisionVersions, decision.decisionId, decision.version, decision.key);
  }

  latestDrg(decisionRequirementsId: string): DeployedDrg | undefined {
    const versions = this.drgVersions.get(decisionRequirementsId);
    return this.drgs.get(versions?.[versions.length - 1] ?? '');
  }

  latestDecision(decisionId: string): DeployedDecision | undefined {
    const versions = this.decisionVersions.get(decisionId);
    return this.decisions.get(versions?.[versions.length - 1] ?? '');
  }

  /** The decision `decisionId` as deployed with the DRG `drgKey` (required decisions). */
  decisionOfDrg(drgKey: string, decisionId: string): DeployedDecision | undefined {
    for (const decision of this.decisions.values()) {
      if (decision.decisionRequirementsKey === drgKey && decision.decisionId === decisionId) {
        return decision;
      }
    }
    return undefined;
  }

  toSnapshot(): { drgs: DeployedDrg[]; decisions: DeployedDecision[] } {
    return { drgs: [...this.drgs.values()], decisions: [...this.decisions.values()] };
  }

  /** Snapshots from before DMN support have no `decisions` entry. */
  static fromSnapshot(data?: { drgs: DeployedDrg[]; decisions: DeployedDecision[] }) {
    const store = new DecisionStore();
    for (const drg of data?.drgs ?? []) store.addDrg(drg);
    for (const decision of data?.decisions ?? []) store.addDecision(decision);
    return store;
  }
}

function addVersion(map: Map<string, string[]>, id: string, version: number, key: string): void {
  const versions = map.get(id) ?? [];
  versions[version - 1] = key;
  map.set(id, versions);
}
