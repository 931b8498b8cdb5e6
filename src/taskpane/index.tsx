import { createRoot } from "react-dom/client";
import { createExcelOperations } from "../excel/excel-operations";
import { App } from "./App";
import { detectHost } from "./office-host";

const container = document.getElementById("container");
if (container) {
  createRoot(container).render(
    <App detectHost={() => detectHost()} excelOperations={() => createExcelOperations((batch) => Excel.run(batch))} />,
  );
}
