/**
 * Reference page for the benchmark: an empty FluentProvider, the least a Fluent UI page costs to render.
 * `taskpane_ready_vs_blank_ratio` compares the workbench's pane readiness with it.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";

const container = document.getElementById("container");
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <main data-ready="true">Prêt</main>
    </FluentProvider>,
  );
}
