/**
 * What the layout tool needs of bpmn-moddle beyond reading (declared in engine/bpmn/vendor.d.ts):
 * creating elements and writing XML. The class declared there merges with this interface.
 */
declare module 'bpmn-moddle' {
  interface BpmnModdle {
    create(type: string, properties?: Record<string, unknown>): never;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
