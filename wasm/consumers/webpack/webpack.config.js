import HtmlWebpackPlugin from 'html-webpack-plugin';
import { resolve } from 'node:path';

// The page's own <script src="./main.js"> names the bundle, so the plugin only copies the page.
export default {
  entry: './main.js',
  output: { path: resolve(import.meta.dirname, 'dist'), filename: 'main.js', clean: true },
  plugins: [new HtmlWebpackPlugin({ template: './index.html', inject: false })],
};
