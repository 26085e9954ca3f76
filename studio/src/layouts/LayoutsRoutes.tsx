/** The layout screens under `/studio/layouts`: the list, a layout's editor and a new layout for an object. */
import { Route, Routes } from 'react-router';
import { LayoutEditorPage, NewLayoutPage } from './LayoutEditorPage.tsx';
import { LayoutsPage } from './LayoutsPage.tsx';

export function LayoutsRoutes() {
  return (
    <Routes>
      <Route index element={<LayoutsPage />} />
      <Route path="new/:object" element={<NewLayoutPage />} />
      <Route path=":name" element={<LayoutEditorPage />} />
    </Routes>
  );
}
