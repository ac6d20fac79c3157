import { dirname as __rlmDirname } from 'node:path';
import { fileURLToPath as __rlmFileURLToPath } from 'node:url';
const __filename = __rlmFileURLToPath(import.meta.url);
const __dirname = __rlmDirname(__filename);
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 9140:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("constants");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 8056:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http2");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 4051:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ removeLeftoverContainers)
/* harmony export */ });
/* unused harmony export SANDBOX_LABEL */
/* harmony import */ var _job_label_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7915);

/** The sandbox's own label (src/sandbox/options.ts SANDBOX_LABEL; repeated here to keep the post bundle small). */
const SANDBOX_LABEL = 'dev.rlm-runtime.sandbox';
/**
 * `cleanupId` is what the main step saved with core.saveState; empty when the main step never got that far
 * (then it started no container, and there is nothing of ours to look for). Returns the ids removed.
 */
async function removeLeftoverContainers(engine, cleanupId) {
    if (cleanupId === '')
        return [];
    const containers = await engine.listContainers([SANDBOX_LABEL, `${_job_label_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_LABEL */ .pM}=${cleanupId}`]);
    const removed = await Promise.all(
    // Already gone (AutoRemove won the race) or being removed: either way it is not left over.
    containers.map(async (container) => ((await engine.removeContainer(container.Id)) ? container.Id : null)));
    return removed.filter((id) => id !== null);
}


/***/ }),

/***/ 5787:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Or: () => (/* binding */ engineFromEnv)
});

// UNUSED EXPORTS: dockerodeEngine, httpEngine, plainEndpoint

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/action/cleanup/engine-api.js
/**
 * The two Docker Engine API calls the post step needs (list containers by label, remove one), over plain
 * node:http on the daemon's socket. The post step runs in every job that uses the action and must start
 * fast: dockerode with its SSH and TLS transports would be most of its bundle. A DOCKER_HOST this client
 * does not speak (TLS, ssh://) goes through dockerode, loaded only then.
 */

/** Where node:http reaches the daemon, or null when DOCKER_HOST needs a transport it lacks. */
function plainEndpoint(env) {
    const host = env.DOCKER_HOST?.trim() || 'unix:///var/run/docker.sock';
    if (env.DOCKER_TLS_VERIFY || env.DOCKER_CERT_PATH)
        return null;
    if (host.startsWith('unix://'))
        return { socketPath: host.slice('unix://'.length) };
    if (host.startsWith('/'))
        return { socketPath: host };
    const tcp = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(host);
    if (tcp)
        return { host: tcp[1] ?? '', port: Number(tcp[2]) };
    return null;
}
const TIMEOUT_MS = 30_000;
function call(endpoint, method, path) {
    return new Promise((resolve, reject) => {
        const req = (0,external_node_http_namespaceObject.request)({ ...endpoint, method, path, timeout: TIMEOUT_MS }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`Docker Engine API ${method} ${path}: no answer in 30 s`)));
        req.on('error', reject);
        req.end();
    });
}
function httpEngine(endpoint) {
    return {
        async listContainers(labels) {
            const filters = encodeURIComponent(JSON.stringify({ label: labels }));
            const { status, body } = await call(endpoint, 'GET', `/containers/json?all=1&filters=${filters}`);
            if (status !== 200)
                throw new Error(`Docker Engine API: listing containers answered ${status}: ${body.trim()}`);
            const parsed = JSON.parse(body);
            if (!Array.isArray(parsed))
                throw new Error('Docker Engine API: the container list is not an array');
            return parsed.filter((item) => item !== null && typeof item === 'object' && typeof item.Id === 'string');
        },
        async removeContainer(id) {
            if (!/^[0-9a-f]{12,64}$/.test(id))
                throw new Error(`Docker Engine API: "${id}" is not a container id`);
            const { status, body } = await call(endpoint, 'DELETE', `/containers/${id}?force=1`);
            if (status === 204)
                return true;
            if (status === 404 || status === 409)
                return false;
            throw new Error(`Docker Engine API: removing ${id.slice(0, 12)} answered ${status}: ${body.trim()}`);
        },
    };
}
/** dockerode, for transports node:http does not speak; imported only when needed. */
async function dockerodeEngine() {
    const { default: Docker } = await __nccwpck_require__.e(/* import() */ 40).then(__nccwpck_require__.t.bind(__nccwpck_require__, 9040, 19));
    const docker = new Docker();
    return {
        async listContainers(labels) {
            return docker.listContainers({ all: true, filters: { label: [...labels] } });
        },
        async removeContainer(id) {
            try {
                await docker.getContainer(id).remove({ force: true });
                return true;
            }
            catch (error) {
                const status = error.statusCode;
                if (status === 404 || status === 409)
                    return false;
                throw error;
            }
        },
    };
}
async function engineFromEnv(env) {
    const endpoint = plainEndpoint(env);
    return endpoint ? httpEngine(endpoint) : dockerodeEngine();
}


/***/ }),

/***/ 7915:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Fc: () => (/* binding */ CLEANUP_STATE),
  pM: () => (/* binding */ JOB_LABEL)
});

// UNUSED EXPORTS: newCleanupId

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./node_modules/.cache/rlm-action-bundle/action/cleanup/job-label.js
/**
 * A Docker label naming the step instance that started a sandbox container, so the post step removes this
 * step's leftovers only. A self-hosted runner's shared Docker daemon may host other jobs' containers at the
 * same time, and matrix legs share run id, attempt and GITHUB_JOB: the id therefore ends in a random part,
 * chosen by the main step and handed to its post step through core.saveState (never recomputed there).
 */

const JOB_LABEL = 'dev.rlm-runtime.github-job';
/** The core.saveState key under which the main step leaves the id for its post step. */
const CLEANUP_STATE = 'cleanup-id';
/** `<run id>-<attempt>-<job>-<random>`: readable in `docker ps`, unique per step instance. */
function newCleanupId(env, random = () => randomUUID().slice(0, 12)) {
    const run = env.GITHUB_RUN_ID ?? 'local';
    const attempt = env.GITHUB_RUN_ATTEMPT ?? '1';
    const job = env.GITHUB_JOB ?? 'job';
    return `${run}-${attempt}-${job}-${random()}`;
}


/***/ }),

/***/ 8665:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   Gu: () => (/* binding */ getState),
/* harmony export */   pq: () => (/* binding */ info)
/* harmony export */ });
/**
 * The few runner interactions the post step needs, without @actions/core (whose HTTP client would triple
 * the post bundle): a log line, a warning annotation, and the state the main step saved. Same formats as
 * @actions/core: `::warning::` with its data escaping, and state read from STATE_<name>.
 */
/** @actions/core's escapeData: a message stays one workflow command. */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function info(message) {
    process.stdout.write(`${message}\n`);
}
function warning(message) {
    process.stdout.write(`::warning::${escapeData(message)}\n`);
}
function getState(name, env = process.env) {
    return env[`STATE_${name}`] ?? '';
}


/***/ }),

/***/ 2320:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cleanup_cleanup_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4051);
/* harmony import */ var _cleanup_engine_api_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5787);
/* harmony import */ var _cleanup_job_label_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7915);
/* harmony import */ var _cleanup_workflow_commands_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8665);
/**
 * The post step (action.yml `post:`): runs after the job's steps, even when the main step failed or was
 * cancelled, and removes any sandbox container its own main step left behind (found by the cleanup id the
 * main step saved with core.saveState, so a matrix leg never touches another leg's live container).
 * Kept small on purpose (no dockerode, no @actions/core unless needed): it runs in every job.
 */




try {
    const cleanupId = (0,_cleanup_workflow_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .getState */ .Gu)(_cleanup_job_label_js__WEBPACK_IMPORTED_MODULE_2__/* .CLEANUP_STATE */ .Fc);
    if (cleanupId === '') {
        (0,_cleanup_workflow_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq)('The main step saved no cleanup id (it started no sandbox): nothing to clean.');
    }
    else {
        const removed = await (0,_cleanup_cleanup_js__WEBPACK_IMPORTED_MODULE_0__/* .removeLeftoverContainers */ .k)(await (0,_cleanup_engine_api_js__WEBPACK_IMPORTED_MODULE_1__/* .engineFromEnv */ .Or)(process.env), cleanupId);
        (0,_cleanup_workflow_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq)(removed.length === 0
            ? 'No sandbox container left behind.'
            : `Removed ${removed.length} sandbox container(s) left behind: ${removed.map((id) => id.slice(0, 12)).join(', ')}`);
    }
}
catch (error) {
    // No Docker here (the job never used it, or the runner is going away): nothing to clean, nothing to fail.
    (0,_cleanup_workflow_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e)(`Could not check for leftover sandbox containers: ${error instanceof Error ? error.message : String(error)}`);
}
process.exit(0);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat */
/******/ 
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = new URL('.', import.meta.url).pathname.slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(2320);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
