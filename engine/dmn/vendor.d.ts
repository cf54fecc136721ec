/** dmn-moddle ships no types; we declare only what the engine calls. */
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(
      xml: string,
      typeName?: string,
    ): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
  }
}
