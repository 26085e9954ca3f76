/** The react-query keys and loaders of the metadata the studio shows; every deploy invalidates `['meta']`. */
import { useQuery } from '@tanstack/react-query';
import { fieldUsages, getObject, listObjects, objectHistory } from '../api/meta.ts';

export const useObjects = () => useQuery({ queryKey: ['meta', 'objects'], queryFn: listObjects });

export const useObject = (name: string) => useQuery({ queryKey: ['meta', 'object', name], queryFn: () => getObject(name) });

export const useObjectHistory = (name: string) => useQuery({ queryKey: ['meta', 'history', name], queryFn: () => objectHistory(name) });

export const useFieldUsages = (object: string, field: string) =>
  useQuery({ queryKey: ['meta', 'usages', object, field], queryFn: () => fieldUsages(object, field) });
