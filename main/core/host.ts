/**
 * The platform this process runs on: the one place in main/core that reads it (eslint.config.mjs
 * refuses process.platform elsewhere in core). Core functions take the platform as a parameter and
 * default to this, so a test can run any OS's branch here.
 */
export const HOST_PLATFORM: NodeJS.Platform = process.platform;
