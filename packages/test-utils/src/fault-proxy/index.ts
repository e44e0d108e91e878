export {
  type FaultMode,
  type FaultProxy,
  type ProxiedRequest,
  startFaultProxy,
} from './fault-proxy.js'
