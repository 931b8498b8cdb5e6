// Build of the add-in: task pane page (which also hosts the custom functions: shared runtime), the
// functions bundle, their metadata (English, generated from JSDoc; French, from functions.fr-text.json),
// the manifest with its URLs rewritten for production, and the icons.
// With `--env workbench` (npm run workbench, end-to-end tests) the build also has the workbench page
// (index.html: the sample workbook in a grid beside the task pane, on the Excel simulator) and the sample;
// the production build (dist/) stays the add-in alone.
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { FrenchFunctionsMetadataPlugin } = require("./scripts/webpack/french-metadata-plugin");

// Every local development URL of the manifest, whatever the port.
const DEV_URL = /https?:\/\/localhost(?::\d+)?\//g;
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const SAMPLE_WORKBOOKS = "assets/samples/*.xlsx";

function productionUrl(env) {
  const url = env.urlProd;
  if (!url) return undefined;
  if (!/^https:\/\/[^/]+/.test(url)) throw new Error(`urlProd doit être une URL https : ${url}`);
  return url.endsWith("/") ? url : `${url}/`;
}

async function httpsOptions(isDevServer) {
  if (!isDevServer) return undefined;
  try {
    // Trusted localhost certificates for sideloading in Excel (Windows/macOS); optional on Linux.
    const devCerts = require("office-addin-dev-certs");
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    console.warn(`Certificats de développement indisponibles (${error.message}) : serveur en http.`);
    return undefined;
  }
}

module.exports = async (env = {}, argv = {}) => {
  const isProduction = argv.mode === "production";
  const urlProd = productionUrl(env);
  const isDevServer = Boolean(process.env.WEBPACK_SERVE);
  const https = await httpsOptions(isDevServer);
  const withWorkbench = Boolean(env.workbench);

  return {
    devtool: isProduction ? false : "source-map",
    entry: {
      functions: FUNCTIONS_SOURCE,
      taskpane: "./src/taskpane/index.tsx",
      ...(withWorkbench ? { workbench: "./src/workbench/index.tsx", blank: "./src/workbench/blank.tsx" } : {}),
    },
    output: {
      path: path.resolve(__dirname, env.outputPath ?? "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json" } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_SOURCE }),
      new FrenchFunctionsMetadataPlugin({
        source: "functions.json",
        frenchTexts: path.resolve(__dirname, "src/functions/functions.fr-text.json"),
        output: "functions.fr.json",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the same page runs the custom functions and the pane.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      ...(withWorkbench
        ? [
            new HtmlWebpackPlugin({
              filename: "index.html",
              template: "./src/workbench/workbench.html",
              chunks: ["workbench"],
            }),
            // The benchmark's reference: an empty FluentProvider (npm run bench, taskpane_ready_vs_blank_ratio).
            new HtmlWebpackPlugin({
              filename: "blank.html",
              template: "./src/workbench/workbench.html",
              chunks: ["blank"],
            }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "src/help/help.html", to: "help.html" },
          ...(withWorkbench ? [{ from: SAMPLE_WORKBOOKS, to: "samples/[name][ext]" }] : []),
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              const text = content.toString();
              return urlProd ? text.replace(DEV_URL, urlProd) : text;
            },
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      server: https ? { type: "https", options: https } : "http",
      client: { overlay: false },
    },
  };
};
