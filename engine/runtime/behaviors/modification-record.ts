/** The instructions of a process instance modification, as its command and event carry them. */

/** One variable instruction: a document set as local variables of the scope `scopeId` names. */
export interface ModificationVariableInstruction {
  variables: Record<string, unknown>;
  /** Element id of the scope; '' means the process instance (its global scope). */
  scopeId: string;
}

export interface ModificationActivateInstruction {
  elementId: string;
  /** The flow scope instance to activate in; '-1' lets the engine choose. */
  ancestorElementInstanceKey: string;
  variableInstructions: ModificationVariableInstruction[];
}

/** The PROCESS_INSTANCE_MODIFICATION record value (Zeebe's ProcessInstanceModificationRecord). */
export interface ProcessInstanceModificationValue {
  processInstanceKey: string;
  activateInstructions: ModificationActivateInstruction[];
  terminateInstructions: Array<{ elementInstanceKey: string }>;
}
