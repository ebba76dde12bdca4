#!/usr/bin/env node
// The `axon` command. Axon is written in TypeScript; tsx runs it directly, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../deck/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
