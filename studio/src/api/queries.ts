/** The react-query keys and loaders of the metadata the studio shows; every deploy invalidates `['meta']`. */
import { useQuery } from '@tanstack/react-query';
import type { DocKind } from '../../../metadata/src/types.ts';
import { documentHistory, documentOrigins, fieldUsages, getDocument, listDocuments } from './meta.ts';

export const useDocuments = <K extends DocKind>(kind: K) => useQuery({ queryKey: ['meta', kind, 'list'], queryFn: () => listDocuments(kind) });

export const useDocumentOrigins = (kind: DocKind) => useQuery({ queryKey: ['meta', kind, 'origins'], queryFn: () => documentOrigins(kind) });

export const useDocument = <K extends DocKind>(kind: K, name: string) =>
  useQuery({ queryKey: ['meta', kind, 'doc', name], queryFn: () => getDocument(kind, name) });

export const useDocumentHistory = <K extends DocKind>(kind: K, name: string) =>
  useQuery({ queryKey: ['meta', kind, 'history', name], queryFn: () => documentHistory(kind, name) });

export const useObjects = () => useDocuments('object');

export const useObject = (name: string) => useDocument('object', name);

export const useObjectHistory = (name: string) => useDocumentHistory('object', name);

export const useFieldUsages = (object: string, field: string) =>
  useQuery({ queryKey: ['meta', 'usages', object, field], queryFn: () => fieldUsages(object, field) });
