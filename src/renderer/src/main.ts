import { mount } from 'svelte';
import '@xyflow/svelte/dist/style.css';
import './app.css';
import App from './App.svelte';
import { AppController } from './lib/app/controller.svelte.ts';
import { createApi } from './lib/api.ts';

const app = new AppController(createApi());
mount(App, { target: document.getElementById('app')!, props: { app } });
