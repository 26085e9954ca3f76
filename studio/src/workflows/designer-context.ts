/** What the canvas's nodes and edges read besides their own data: the problems found on them and the role names. */
import { createContext, useContext } from 'react';
import { NO_PROBLEMS, type LocatedProblems } from './locate-problems.ts';

/** What the side panel shows: a node or an edge by its id on the canvas, else the workflow's properties. */
export interface Selection {
  node?: string;
  edge?: string;
}

export interface DesignerView {
  problems: LocatedProblems;
  roleLabel: (role: string) => string;
  select: (what: Selection) => void;
}

export const DesignerContext = createContext<DesignerView>({ problems: NO_PROBLEMS, roleLabel: (role) => role, select: () => undefined });

export const useDesignerView = () => useContext(DesignerContext);
