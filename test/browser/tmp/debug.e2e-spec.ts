import { apiClient, startConsoleHarness } from '../support/console-harness';
import { demo } from '../support/demo';
it('debug', async () => {
  const h = await startConsoleHarness('browser_debug');
  try {
    const api = apiClient(h.baseUrl);
    const opened = await api.post(demo.handler, '/cases', { post: { title: 'x', orgUnit: '市财政局', level: '副局级' }, grounds: 'g' });
    const view = await api.get(demo.committeeSecretary, `/cases/${opened.caseId}`);
    console.log(JSON.stringify(view.nextActions));
  } finally {
    await h.close();
  }
});
