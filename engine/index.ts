/** The embedded Zeebe-compatible engine. It knows nothing about the domain. */
export { startEngine, type EngineOptions, type RunningEngine } from './engine';
export { EngineClock } from './protocol/clock';
export { LogWriterTakenError } from './log/writer-lock';
