export { createApp, type AppDependencies } from './app';
export { loadServerConfig, type ServerConfig } from './server-config';
export { startProcessStarter, type ProcessStarter, type ProcessStarterOptions } from './intake';
