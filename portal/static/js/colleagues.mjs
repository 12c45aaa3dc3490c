// Each list of colleagues (a <select> marked data-module="portal-colleague") becomes
// an autocomplete: typing part of a name, job title or e-mail address narrows it.
// The select stays in the form and is what is sent, so the page works without this.
// accessible-autocomplete is loaded before this module, as a classic deferred script.

const { accessibleAutocomplete } = window;

if (accessibleAutocomplete) {
  for (const select of document.querySelectorAll('select[data-module="portal-colleague"]')) {
    const inError = select.classList.contains("govuk-select--error");
    accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      // Its typed-ahead hint is an input with no label, which fails WCAG.
      autoselect: false,
      minLength: 2,
      showNoOptionsFound: true,
      tNoResults: () => "No colleague you can choose fits that",
      inputClasses: inError ? "govuk-input--error" : undefined,
    });
  }
}
