// Vite's client types: lets the panel import its stylesheet (`import './panel.css'`).
/// <reference types="vite/client" />
