import { describe, expect, it } from "vitest";
import { cellSelection, moveSelection, selectionRect, visibleRowWindow } from "./grid-navigation";

const extent = { rowCount: 154, columnCount: 17, pageRows: 20 };

describe("moveSelection", () => {
  it("moves the active cell with the arrows and stays inside the sheet", () => {
    const start = cellSelection(4, 0);
    expect(moveSelection(start, { key: "ArrowDown" }, extent)?.active).toEqual({ row: 5, column: 0 });
    expect(moveSelection(start, { key: "ArrowLeft" }, extent)?.active).toEqual({ row: 4, column: 0 });
    expect(moveSelection(cellSelection(153, 16), { key: "ArrowDown" }, extent)?.active).toEqual({
      row: 153,
      column: 16,
    });
  });

  it("extends the selection from its anchor with Shift, as Excel does", () => {
    const start = cellSelection(4, 0);
    const extended = moveSelection(
      moveSelection(start, { key: "ArrowRight", shiftKey: true }, extent)!,
      {
        key: "ArrowDown",
        shiftKey: true,
      },
      extent,
    )!;
    expect(selectionRect(extended)).toEqual({ row: 4, column: 0, rowCount: 2, columnCount: 2 });
    // A plain move collapses it again.
    expect(selectionRect(moveSelection(extended, { key: "ArrowDown" }, extent)!)).toEqual({
      row: 6,
      column: 1,
      rowCount: 1,
      columnCount: 1,
    });
  });

  it("jumps to the row's ends, the sheet's corners and by pages", () => {
    const start = cellSelection(10, 5);
    expect(moveSelection(start, { key: "Home" }, extent)?.active).toEqual({ row: 10, column: 0 });
    expect(moveSelection(start, { key: "End" }, extent)?.active).toEqual({ row: 10, column: 16 });
    expect(moveSelection(start, { key: "End", ctrlKey: true }, extent)?.active).toEqual({ row: 153, column: 16 });
    expect(moveSelection(start, { key: "Home", ctrlKey: true }, extent)?.active).toEqual({ row: 0, column: 0 });
    expect(moveSelection(start, { key: "PageDown" }, extent)?.active).toEqual({ row: 30, column: 5 });
    expect(moveSelection(start, { key: "PageUp" }, extent)?.active).toEqual({ row: 0, column: 5 });
  });

  it("ignores keys that are not moves (typing, Tab to leave the grid)", () => {
    expect(moveSelection(cellSelection(0, 0), { key: "Tab" }, extent)).toBeUndefined();
    expect(moveSelection(cellSelection(0, 0), { key: "a" }, extent)).toBeUndefined();
  });
});

describe("visibleRowWindow", () => {
  it("renders a screenful plus a margin, not the whole sheet", () => {
    const window = visibleRowWindow(240_000, 600, 24, 4, 20_004);
    // 240 000 px down is row 10 000 of the scrolling part; 25 rows fit in 600 px.
    expect(window.first).toBe(4 + 10_000 - 8);
    expect(window.last - window.first + 1).toBe(25 + 16);
  });

  it("never goes past the last row", () => {
    expect(visibleRowWindow(0, 600, 24, 4, 10)).toEqual({ first: 4, last: 9 });
  });
});
