/** The workflow screens under `/studio/workflows`: the list, and one workflow's designer at `/workflows/:name`. */
import { Route, Routes } from 'react-router';
import { WorkflowPage } from './WorkflowPage.tsx';
import { WorkflowsPage } from './WorkflowsPage.tsx';

export function WorkflowsRoutes() {
  return (
    <Routes>
      <Route index element={<WorkflowsPage />} />
      <Route path=":name" element={<WorkflowPage />} />
    </Routes>
  );
}
