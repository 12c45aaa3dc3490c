// The card's print button needs JavaScript, so it stays hidden without it.
for (const button of document.querySelectorAll("[data-guidance-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
