/**
 * What every step needs: the REST client and the boot data.
 */
import { createContext, useContext } from '@wordpress/element';

import type { Api } from './api';
import type { BootData } from './types';

export interface AppContextValue {
	api: Api;
	boot: BootData;
}

export const AppContext = createContext< AppContextValue | null >( null );

export function useAppContext(): AppContextValue {
	const value = useContext( AppContext );
	if ( ! value ) {
		throw new Error(
			'AppContext is missing: render inside <AppContext.Provider>.'
		);
	}
	return value;
}
