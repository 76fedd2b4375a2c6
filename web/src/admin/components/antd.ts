import type { FC, ReactNode } from 'react';
import { Card as AntCard, Result as AntResult } from 'antd';
import type { CardProps, ResultProps } from 'antd';

/*
 * antd's declaration files import 'react' from the repository root, where no @types/react is
 * installed (it lives in web/node_modules), so a few compound components lose their call
 * signature under tsc. These re-exports restore a plain function-component type.
 */
export const Card = AntCard as unknown as FC<CardProps & { children?: ReactNode }>;
export const Result = AntResult as unknown as FC<ResultProps>;
