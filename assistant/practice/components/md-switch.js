// Material Web's <md-switch> (a form-associated web component with its own shadow root).
import "@material/web/switch/switch.js";
