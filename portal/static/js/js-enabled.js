// Runs before the page paints, so components styled for JavaScript do not flicker.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
