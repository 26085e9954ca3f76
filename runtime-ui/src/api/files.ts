/** Files as the web app uses them: upload (unattached until a record write or an attachment takes it), attachments, download links. */
import { api } from './client.ts';

/** What `POST /api/files` answers: the id is what a file or image field stores. */
export interface UploadedFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** A plain attachment of a record. */
export interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  createdAt: string;
  createdBy: string;
}

const form = (file: File) => {
  const body = new FormData();
  body.append('file', file, file.name);
  return body;
};

const recordPath = (object: string, id: string) => `/api/records/${encodeURIComponent(object)}/${encodeURIComponent(id)}/attachments`;

/** Uploads a file, owned by the current user and attached to nothing yet. */
export const uploadFile = (file: File) => api<UploadedFile>('/api/files', { method: 'POST', body: form(file) });

export const listAttachments = async (object: string, id: string) => (await api<{ data: Attachment[] }>(recordPath(object, id))).data;

/** Attaches a file to the record: a File is uploaded onto it, a string is the id of one of your uploads. */
export const attach = (object: string, id: string, file: File | string) =>
  api<Attachment & { sha256: string }>(recordPath(object, id), { method: 'POST', body: typeof file === 'string' ? { fileId: file } : form(file) });

export const detach = (object: string, id: string, fileId: string) =>
  api<void>(`${recordPath(object, id)}/${encodeURIComponent(fileId)}`, { method: 'DELETE' });

/** Where the browser downloads a file (the session cookie goes along); `inline` shows an image or a PDF in place. */
export const fileUrl = (id: string, inline = false) => `/api/files/${encodeURIComponent(id)}${inline ? '?inline=1' : ''}`;
