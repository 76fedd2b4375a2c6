import { afterEach } from 'vitest';
import { printPagesOnFailure } from './on-failure.js';

// runs before each browser test file (setupFiles in vitest.config.ts)
afterEach(printPagesOnFailure);
