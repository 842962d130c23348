// The theme's search buttons show "Search Ctrl+K" but are named "Search" (aria-label): a
// speech-input user who says what they see would not reach them (axe-core's rule
// label-content-name-mismatch, WCAG 2.5.3). Without the label, their name is their visible text.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.search-button__button[aria-label]")) {
    button.removeAttribute("aria-label");
  }
});
