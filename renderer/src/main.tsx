import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client';
import { ApiProvider } from './api/api-context';
import { App } from './App';
import { StoreProvider } from './store/store-context';

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={createApi()}>
        <StoreProvider>
          <App />
        </StoreProvider>
      </ApiProvider>
    </StrictMode>,
  );
}
