// Stylesheets are imported for webpack (wp-scripts emits build/index.css).
declare module '*.scss';
