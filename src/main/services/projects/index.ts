export { ProjectService } from './service.ts';
export { RecentList, RECENT_LIMIT } from './recent.ts';
export { RecoveryStore } from './recovery.ts';
export { defaultConfigDir } from './config-dir.ts';
export { writeFileAtomic, TEMP_PREFIX, describeFsError, sweepStaleTemps } from './atomic-write.ts';
export { SerialQueue } from './serial.ts';
export { loadProjectFile, readProjectFile, parseProjectText, writeProjectFile, writeTextFile } from './project-files.ts';
export { listDirectory, MAX_ENTRIES } from './list-directory.ts';
