export {
  createEngineCall,
  engineUnavailable,
  EngineRefusal,
  READ_NOW,
  type CamundaRestClient,
  type EngineCall,
  type OrchestrationClient,
} from './engine-call';
