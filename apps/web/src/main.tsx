import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { apiUrls, createPublicClient } from './api/api-client.js';
import { App } from './app/App.js';
import './styles/app.css';
import './styles/conversation.css';

const urls = apiUrls(window.location);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <App publicApi={createPublicClient(urls.http)} storage={window.sessionStorage} urls={urls} />
  </StrictMode>,
);
