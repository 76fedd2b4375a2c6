import type { ReactNode } from 'react';

/**
 * Stub written by the operations console so the shell compiles before the set-up screens
 * exist; the set-up helper replaces this file with the real pages.
 */
export interface AdminPage {
  path: string;
  labelKey: string;
  element: ReactNode;
}

export const setupPages: AdminPage[] = [];

export const setupStrings: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> } = { 'zh-CN': {}, en: {} };
