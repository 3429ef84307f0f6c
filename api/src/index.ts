export { createApp, type AppDeps } from './app.js';
export { loadConfig, ConfigError, type Config } from './config.js';
