/** The rules area under `/studio/rules`: the list and one rule's editor. */
import { Route, Routes } from 'react-router';
import { RulePage } from './RulePage.tsx';
import { RulesPage } from './RulesPage.tsx';

export function RulesRoutes() {
  return (
    <Routes>
      <Route index element={<RulesPage />} />
      <Route path=":name" element={<RulePage />} />
    </Routes>
  );
}
