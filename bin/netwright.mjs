#!/usr/bin/env node
// Entry for `npx netwright …`: runs the TypeScript CLI through tsx, so an
// install needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
