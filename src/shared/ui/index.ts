/**
 * Barrel for demos. The shell must NOT import this file (DemoFrame pulls in tfjs); the shell imports
 * tf-free files directly (PaperHeader, DemoPlaceholder).
 */
export { DemoFrame, useBackendInfo, type DemoFrameProps, type RequestedBackend } from './DemoFrame';
export { PaperHeader } from './PaperHeader';
export { DemoPlaceholder } from './DemoPlaceholder';
export { PaperVsRunTable, type PaperRow } from './PaperVsRunTable';
export { DifferencesList } from './DifferencesList';
export { Equation } from './Equation';
export { CopyLinkButton } from './CopyLinkButton';
export { ShareQrButton } from './ShareQrButton';
export { UrlNotices, type UrlNotice } from './UrlNotices';
export { ProgressBar, RunnerControls, useRunnerShortcuts, useRunnerState } from './RunnerControls';
export { formatEta, formatRate, formatValue } from './format';
export { LineChart, type LineChartProps } from './plots/LineChart';
export { BarChart, type Bar, type BarChartProps } from './plots/BarChart';
export { Heatmap, type HeatmapProps } from './plots/Heatmap';
export { ImageGrid, type GridImage, type ImageGridProps } from './plots/ImageGrid';
export type { SeriesInput, Point } from './plots/align';
export type { RawImage } from './plots/images';
export type { ColormapName } from './plots/colormap';
