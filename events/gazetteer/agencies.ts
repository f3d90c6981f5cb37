import { AgencyEntry } from './types';

/** Ministries, agencies, industry bodies, unions, think tanks and companies that speak in trade news. */
export const AGENCIES: readonly AgencyEntry[] = [
  { slug: 'ustr', name: 'Office of the U.S. Trade Representative', aliases: ['USTR', 'Office of the United States Trade Representative', 'U.S. Trade Representative', 'United States Trade Representative', 'U.S. Trade representative', "U.S. Trade Representative's office"], state: 'US', kind: 'government' },
  { slug: 'us-commerce-department', name: 'U.S. Department of Commerce', aliases: ['Commerce Department', 'Department of Commerce', 'U.S. Commerce Department'], state: 'US', kind: 'government' },
  { slug: 'us-treasury', name: 'U.S. Treasury', aliases: ['Treasury Department', 'U.S. Treasury'], state: 'US', kind: 'government' },
  { slug: 'us-itc', name: 'U.S. International Trade Commission', aliases: ['International Trade Commission', 'USITC', 'ITC'], state: 'US', kind: 'government' },
  { slug: 'cbp', name: 'U.S. Customs and Border Protection', aliases: ['Customs and Border Protection', 'CBP'], state: 'US', kind: 'government' },
  { slug: 'mx-economy-ministry', name: "Mexico's Ministry of Economy", aliases: ['Ministry of Economy', 'Secretariat of Economy', 'Economy Ministry', 'Secretaría de Economía'], state: 'MX', kind: 'government' },
  { slug: 'global-affairs-canada', name: 'Global Affairs Canada', aliases: ['Global Affairs Canada'], state: 'CA', kind: 'government' },
  { slug: 'canada-finance-department', name: 'Department of Finance Canada', aliases: ['Finance Canada', 'Department of Finance Canada'], state: 'CA', kind: 'government' },
  { slug: 'mofcom', name: "China's Ministry of Commerce", aliases: ['Ministry of Commerce', 'Commerce Ministry', 'MOFCOM'], state: 'CN', kind: 'government' },
  { slug: 'meti', name: "Japan's Ministry of Economy, Trade and Industry", aliases: ['METI', 'Ministry of Economy, Trade and Industry'], state: 'JP', kind: 'government' },
  { slug: 'canacero', name: 'CANACERO (Mexican steel chamber)', aliases: ['CANACERO', 'Canacero'], kind: 'industry' },
  { slug: 'cce', name: 'Business Coordinating Council (CCE)', aliases: ['CCE', 'Business Coordinating Council', 'Consejo Coordinador Empresarial'], kind: 'industry' },
  { slug: 'canieti', name: 'CANIETI (Mexican electronics industry chamber)', aliases: ['CANIETI', 'Canieti'], kind: 'industry' },
  { slug: 'amia', name: 'Mexican Automotive Industry Association (AMIA)', aliases: ['AMIA', 'Mexican Automotive Industry Association'], kind: 'industry' },
  { slug: 'aisi', name: 'American Iron and Steel Institute', aliases: ['American Iron and Steel Institute', 'AISI'], kind: 'industry' },
  { slug: 'us-chamber-of-commerce', name: 'U.S. Chamber of Commerce', aliases: ['U.S. Chamber of Commerce', 'US Chamber of Commerce'], kind: 'industry' },
  { slug: 'united-steelworkers', name: 'United Steelworkers', aliases: ['United Steelworkers', 'USW'], kind: 'union' },
  { slug: 'unifor', name: 'Unifor', aliases: ['Unifor'], kind: 'union' },
  { slug: 'wilson-center', name: 'Wilson Center', aliases: ['Wilson Center'], kind: 'think-tank' },
  { slug: 'brookings-institution', name: 'Brookings Institution', aliases: ['Brookings Institution', 'Brookings'], kind: 'think-tank' },
  { slug: 'peterson-institute', name: 'Peterson Institute for International Economics', aliases: ['Peterson Institute', 'PIIE'], kind: 'think-tank' },
  { slug: 'center-for-automotive-research', name: 'Center for Automotive Research', aliases: ['Center for Automotive Research'], kind: 'think-tank' },
  { slug: 'wto', name: 'World Trade Organization', aliases: ['World Trade Organization', 'WTO'], kind: 'international' },
  { slug: 'volkswagen-mexico', name: 'Volkswagen de México', aliases: ['Volkswagen México', 'Volkswagen Mexico', 'Volkswagen de México'], kind: 'company' },
];
