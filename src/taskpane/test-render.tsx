/** Renders a view as the pane does: Fluent theme, French messages, the given operations, a session. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import type { SpaserOperations } from "../excel/operations";
import type { IsoDate } from "../spaser/types";
import { DraftsProvider } from "./DraftsContext";
import { messagesFor } from "./i18n";
import { MessagesProvider } from "./MessagesContext";
import { OperationsProvider } from "./OperationsContext";
import { SessionProvider } from "./SessionContext";

/** The date the tests live on: contract 2027-001 (award 2027-09-01) is then 15 months away, J-24 to J-14. */
export const TEST_TODAY: IsoDate = "2026-06-01";

export function renderView(view: ReactElement, operations: SpaserOperations, today: IsoDate = TEST_TODAY) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <MessagesProvider value={messagesFor("fr")}>
        <OperationsProvider operations={operations}>
          <SessionProvider today={today}>
            <DraftsProvider>{view}</DraftsProvider>
          </SessionProvider>
        </OperationsProvider>
      </MessagesProvider>
    </FluentProvider>,
  );
}
