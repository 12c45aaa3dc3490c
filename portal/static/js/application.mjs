import { initAll } from "/static/govuk/govuk-frontend.min.js";
import { initSessionTimeout } from "./session-timeout.mjs";

initAll();
initSessionTimeout();
