export { buildApp } from './app';
export { loadConfig } from './config';
export { createDeps } from './deps';
export { serve, migrate } from './main';
export { seedDemo } from './seed/demo';
export { argon2Hasher } from './auth/password';
