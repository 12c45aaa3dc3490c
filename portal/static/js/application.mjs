import { initAll } from "/static/govuk/govuk-frontend.min.js";
import { initChannelCount } from "./channel-count.mjs";
import { initSessionTimeout } from "./session-timeout.mjs";

initAll();
initSessionTimeout();
initChannelCount();
